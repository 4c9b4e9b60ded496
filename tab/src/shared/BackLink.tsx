import { Link, makeStyles } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import { navigate } from './route';

const useStyles = makeStyles({ back: { alignSelf: 'flex-start' } });

/** The link back to a list, above a page that opened from it. */
export function BackLink({ hash, label }: { readonly hash: string; readonly label: string }) {
  const styles = useStyles();
  return (
    <Link
      className={styles.back}
      href={hash}
      onClick={(e) => {
        e.preventDefault();
        navigate(hash);
      }}
    >
      <ArrowLeftRegular aria-hidden />
      {` ${label}`}
    </Link>
  );
}
